"""Reading answers: status checks, JSON, and the small builders every request module uses."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from http import HTTPStatus
from typing import Any, TypeVar

from comfyui_openapi.types import UNSET, Response

from .errors import ComfyError, RouteNotAvailableError, UnreadableResponseError
from .server_info import first_version, route_of, route_since
from .transport import Call, http_error

T = TypeVar("T")


def expect(call: Call[Any], response: Response[Any], ok: tuple[int, ...] = (200,)) -> None:
    """Raise the typed error for a status other than ``ok``: ``RouteNotAvailableError`` when
    the server has no such route (a bare 404 or 405 for a route newer than the oldest
    server described), else ``ComfyHTTPError`` or ``PromptValidationError``."""
    status = int(response.status_code)
    if status in ok:
        return
    if status in (404, 405) and not _is_json(response.content):
        operation = call.endpoint_name.rpartition(".")[2]
        since = route_since(operation)
        if since is not None and since != first_version():
            body = response.content.decode("utf-8", "replace")
            raise RouteNotAvailableError(
                status, call.method, call.path, body, route_of(operation), since
            )
    raise http_error(call, status, response.content)


def _is_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def read_json(call: Call[Any], response: Response[Any]) -> Any:
    expect(call, response)
    return json.loads(response.content)


def read_object(call: Call[Any], response: Response[Any]) -> dict[str, Any]:
    """The answer's JSON object; anything else (a list, a string, null) is unreadable, so a
    cache such as the node definitions never keeps it."""
    body = read_json(call, response)
    if not isinstance(body, dict):
        raise unreadable(call, body, f"a JSON object was expected, not {type(body).__name__}")
    return body


def unreadable(call: Call[Any], body: object, reason: str = "") -> UnreadableResponseError:
    return UnreadableResponseError(call.method, call.path, body, reason)


def parsed(call: Call[Any], response: Response[Any]) -> Any:
    expect(call, response)
    if response.parsed is None:
        raise ComfyError(f"{call.method} {call.path}: unexpected answer {response.content[:200]!r}")
    return response.parsed


def nothing(call: Call[Any], response: Response[Any]) -> None:
    expect(call, response, (200, 204))


def none_on_404(
    inner: Callable[[Call[T], Response[Any]], T],
) -> Callable[[Call[T | None], Response[Any]], T | None]:
    def interpret(call: Call[Any], response: Response[Any]) -> T | None:
        if response.status_code == HTTPStatus.NOT_FOUND:
            return None
        return inner(call, response)

    return interpret


def call(
    endpoint: str, method: str, path: str, interpret: Callable[..., Any], /, **kwargs: Any
) -> Call[Any]:
    return Call(endpoint, kwargs, method, path, interpret)


def model_call(
    endpoint: str, method: str, path: str, interpret: Callable[..., Any], /, **kwargs: Any
) -> Call[Any]:
    """A call whose answer is read as the generated model (``response.parsed``)."""
    return replace(Call(endpoint, kwargs, method, path, interpret), model=True)


def model(kind: Any, ok: tuple[int, ...] = (200,)) -> Callable[[Call[Any], Response[Any]], Any]:
    """Read the answer as the generated model ``kind`` (built here from the JSON, after the
    status check, so that an error status is never parsed as a model)."""

    def interpret(call: Call[Any], response: Response[Any]) -> Any:
        expect(call, response, ok)
        return kind.from_dict(json.loads(response.content))

    return interpret


def unset(value: Any) -> Any:
    return UNSET if value is None else value


def flag(value: bool) -> Any:
    """A query flag ComfyUI reads as present-and-true, or left out."""
    return "true" if value else UNSET
