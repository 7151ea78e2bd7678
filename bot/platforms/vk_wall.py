"""Posts to the VK community wall with a community admin's user token (`VK_USER_TOKEN`):
photos through photos.getWallUploadServer → upload → photos.saveWallPhoto, then wall.post with
a guid, so a post sent again after a failure is not published twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import ClientSession, ClientTimeout, FormData

API_VERSION = "5.199"
SLOT_TAKEN = 214  # VK: the slot is taken, or 50 posts a day already
TRANSIENT = {1, 6, 9, 10}  # unknown, too many requests, flood control, internal: try again
TIMEOUT = ClientTimeout(total=60)


class WallRefused(Exception):
    """VK said no: its error code and message."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"VK error {code}: {message}")
        self.code = code


@dataclass(frozen=True)
class Photo:
    """A photo to attach: its file name and bytes."""

    name: str
    content: bytes


class Wall:
    """One community's wall; `api_base` is the configurable VK API base."""

    def __init__(self, token: str, group_id: int, api_base: str) -> None:
        self.token = token
        self.group_id = group_id
        self.api_base = api_base if api_base.endswith("/") else api_base + "/"

    async def _call(self, http: ClientSession, method: str, **params: Any) -> Any:
        data = {"access_token": self.token, "v": API_VERSION, **params}
        async with http.post(self.api_base + method, data=data) as response:
            body = await response.json(content_type=None)
        if "error" in body:
            error = body["error"]
            raise WallRefused(int(error.get("error_code", 0)), str(error.get("error_msg", "")))
        return body["response"]

    async def _photo(self, http: ClientSession, photo: Photo) -> str:
        server = await self._call(http, "photos.getWallUploadServer", group_id=self.group_id)
        form = FormData()
        form.add_field("photo", photo.content, filename=photo.name)
        async with http.post(server["upload_url"], data=form) as response:
            uploaded = await response.json(content_type=None)
        saved = await self._call(
            http, "photos.saveWallPhoto", group_id=self.group_id, photo=uploaded["photo"],
            server=uploaded["server"], hash=uploaded["hash"],
        )  # fmt: skip
        return f"photo{saved[0]['owner_id']}_{saved[0]['id']}"

    async def post(
        self, text: str, photos: list[Photo], guid: str, publish_date: datetime | None
    ) -> int:
        """Publish (or, with `publish_date`, schedule) the post; the wall's post id."""
        async with ClientSession(timeout=TIMEOUT) as http:
            attachments = [await self._photo(http, photo) for photo in photos]
            params: dict[str, Any] = {
                "owner_id": -self.group_id, "from_group": 1, "message": text, "guid": guid,
            }  # fmt: skip
            if attachments:
                params["attachments"] = ",".join(attachments)
            if publish_date is not None:
                params["publish_date"] = int(publish_date.timestamp())
            result = await self._call(http, "wall.post", **params)
        return int(result["post_id"])
