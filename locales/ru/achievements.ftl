## Достижения (/achievements) и их проверка куратором
achievement-kind-other = Другое
