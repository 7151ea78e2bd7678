## Achievements (/achievements) and the curator's check
achievement-kind-other = Other
