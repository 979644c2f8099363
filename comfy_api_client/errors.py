"""The one exception tree of comfy-api-client.

Users catch these only; no ``httpx`` or generated exception leaks out of the client::

    ComfyError
    ├── ComfyConnectionError      the server cannot be reached
    ├── ComfyTimeoutError         a request or a wait took too long
    ├── ResponseTooLargeError     an answer over ``response_size_limit``: .url, .limit
    ├── ComfyHTTPError            an unexpected status: .status, .method, .url, .body, .code
    │   ├── PromptValidationError the server rejected the workflow: .error, .node_errors, .problems
    │   ├── RouteNotAvailableError the server lacks the route: .route, .since (the version with it)
    │   ├── AuthenticationError   401: no or a wrong API key / token
    │   ├── PermissionDeniedError 403: the key may not do this
    │   ├── PaymentRequiredError  402: insufficient credits (Comfy Cloud)
    │   └── RateLimitedError      429: too many requests or a full queue: .retry_after (seconds)
    ├── ExecutionError            a node raised: .node_id, .node_type, .exception_type,
    │                             .exception_message, .traceback
    ├── ExecutionInterrupted      the prompt was interrupted
    ├── PromptCancelledError      the prompt was removed from the queue before it ran
    ├── PromptLostError           left the queue with no history (deleted elsewhere, restart)
    ├── PromptNotFinishedError    no history entry yet: still queued or running
    ├── ClientClosedError         the client closed while the prompt was waiting
    ├── InvalidArgumentError      an argument refused before anything is sent: .argument,
    │                             .value (also a ValueError)
    ├── NotAvailableError         the API the client speaks has no such operation (Comfy API v2
    │                             has no queue, history, /object_info...): .operation, .api
    ├── WorkflowError             a workflow cannot be read, addressed or edited as asked
    │   └── ConversionError       a UI-format workflow cannot be converted: .node_id, .title
    ├── NoEligibleServerError     no server of a pool can run the workflow: .reasons (by server)
    │   └── NoServerAvailableError  the servers that could are down (also a ComfyConnectionError)
    │       └── PromptUnconfirmedError  a reattach could not learn whether a server holds the
    │                                   prompt: retry later (.prompt_id, .reasons)
    ├── OutputPathError           an output cannot be written there (a name leaving the folder,
    │                             an existing file): .path, .reason (also a ValueError)
    └── OutputNotDownloadedError  an output's bytes are not here (``download_outputs=False``):
                                  .filename, .node_id (also a ValueError)

``PromptValidationError`` is also raised before anything is sent, when client-side validation
against ``/object_info`` finds problems (``status`` is then 0, ``url`` empty).

Messages never include header values or ``extra_data`` secrets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .formats import as_mapping


class ComfyError(Exception):
    """Base of every error raised by comfy-api-client."""


class ComfyConnectionError(ComfyError):
    """The server could not be reached, or the connection broke."""


class ComfyTimeoutError(ComfyError):
    """A request or a wait took longer than allowed."""


class ResponseTooLargeError(ComfyError):
    """An answer was larger than the client reads into memory (``response_size_limit``)."""

    def __init__(self, method: str, url: str, limit: int) -> None:
        self.url = url
        self.limit = limit
        super().__init__(
            f"{method} {url}: the answer is larger than {limit} bytes (response_size_limit)"
        )


class ClientClosedError(ComfyError):
    """The client was closed while the prompt was still waiting for its result."""


class InvalidArgumentError(ComfyError, ValueError):
    """An argument the client refuses before sending anything."""

    def __init__(self, argument: str, value: object, reason: str) -> None:
        self.argument = argument
        self.value = value
        self.reason = reason
        super().__init__(f"{argument}={value!r:.120}: {reason}")


class UnreadableResponseError(ComfyError):
    """The server answered (a success status), but not in a form the route's answer can be read
    from: an HTML page from a proxy, a list or ``null`` where an object belongs..."""

    def __init__(self, method: str, path: str, body: object, reason: str = "") -> None:
        self.method = method
        self.path = path
        self.body = body
        got = "" if body is None and reason else f"got {body!r:.200}"
        detail = "; ".join(part for part in (reason, got) if part)
        super().__init__(f"{method} {path}: the server's answer could not be read ({detail})")


class ComfyHTTPError(ComfyError):
    """The server answered with a status the call does not expect."""

    def __init__(
        self, status: int, method: str, url: str, body: object, message: str | None = None
    ) -> None:
        self.status = status
        self.method = method
        self.url = url
        self.body = body
        super().__init__(message or f"{method} {url} answered {status}{_body_hint(body)}")

    @property
    def code(self) -> str | None:
        """The machine-readable code of an error envelope (``{"error": {"code": ...}}``, as
        Comfy API v2 answers), else None."""
        error = self.body.get("error") if isinstance(self.body, Mapping) else None
        code = error.get("code") if isinstance(error, Mapping) else None
        return str(code) if code is not None else None


class AuthenticationError(ComfyHTTPError):
    """401: the server wants credentials (an API key, a bearer token) it did not get or refused."""


class PermissionDeniedError(ComfyHTTPError):
    """403: the credentials are valid but may not do this."""


class PaymentRequiredError(ComfyHTTPError):
    """402: the account has not enough credits (Comfy Cloud)."""


class RateLimitedError(ComfyHTTPError):
    """429: too many requests, a full queue or too many event streams; ``retry_after`` is the
    wait in seconds the server asked for (None when it named none)."""

    def __init__(
        self,
        status: int,
        method: str,
        url: str,
        body: object,
        retry_after: float | None = None,
        message: str | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(status, method, url, body, message)


class NotAvailableError(ComfyError):
    """The API this client speaks has no counterpart of the operation (e.g. the queue, the
    history or ``/object_info`` on Comfy API v2)."""

    def __init__(self, operation: str, api: str, hint: str = "") -> None:
        self.operation = operation
        self.api = api
        super().__init__(f"{operation} is not available on {api}" + (f": {hint}" if hint else ""))


class RouteNotAvailableError(ComfyHTTPError):
    """The server does not serve this route: it is older than the version that brought it, or
    the feature is switched off."""

    def __init__(
        self, status: int, method: str, url: str, body: object, route: str, since: str
    ) -> None:
        self.route = route
        self.since = since
        super().__init__(
            status,
            method,
            url,
            body,
            message=f"{method} {route} is not served by this ComfyUI (it answered {status}): "
            f"the route came with ComfyUI {since}; update the server",
        )


@dataclass(frozen=True, slots=True)
class ValidationProblem:
    """One reason the server gave for rejecting a node's input."""

    node_id: str | None
    class_type: str | None
    title: str | None
    type: str
    message: str
    details: str
    input_name: str | None
    received_value: Any = None

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        """``node 1 (EmptyImage) input 'width' = 0: Value 0 smaller than min of 1``."""
        parts = []
        if self.node_id is not None:
            who = self.class_type or "?"
            if self.title and self.title != self.class_type:
                who = f"{who}, '{self.title}'"
            parts.append(f"node {self.node_id} ({who})")
        if self.input_name:
            value = f" = {self.received_value!r}" if self.received_value is not None else ""
            parts.append(f"input '{self.input_name}'{value}")
        reason = self.message
        if self.details and self.details not in (self.input_name, self.message):
            reason = f"{reason} [{self.details}]"
        return (" ".join(parts) + ": " if parts else "") + f"{reason} ({self.type})"


class PromptValidationError(ComfyHTTPError):
    """The server refused the workflow (400 from ``POST /prompt``, or partial acceptance).

    ``problems`` lists every node, input, value and reason; ``str()`` says them in plain words.
    """

    def __init__(
        self,
        status: int,
        method: str,
        url: str,
        body: Mapping[str, Any],
        prompt: Mapping[str, Any] | None = None,
        heading: str | None = None,
    ) -> None:
        error = body.get("error")
        self.error: dict[str, Any] = dict(error) if isinstance(error, Mapping) else {}
        node_errors = body.get("node_errors")
        self.node_errors: dict[str, Any] = (
            dict(node_errors) if isinstance(node_errors, Mapping) else {}
        )
        self.problems = _problems(self.error, self.node_errors, prompt or {})
        if heading is None:
            kind = self.error.get("type", "error")
            heading = f"Prompt rejected by the server: {self.error.get('message', '')} ({kind})"
        lines = [heading]
        lines += [f"  {p.describe()}" for p in self.problems]
        super().__init__(status, method, url, body, "\n".join(lines))

    @classmethod
    def client_side(
        cls, body: Mapping[str, Any], prompt: Mapping[str, Any] | None = None
    ) -> PromptValidationError:
        """The error for problems found by client-side validation (nothing was sent).

        ``body`` has the server's 400 shape (``error`` and ``node_errors``), so ``problems``
        reads the same as for a server rejection.
        """
        count = sum(
            len(entry.get("errors") or [])
            for entry in (body.get("node_errors") or {}).values()
            if isinstance(entry, Mapping)
        )
        count = count or 1  # no node's: the prompt's own error is the one problem listed
        what = f"{count} problem{'s' if count != 1 else ''}"
        return cls(
            0,
            "VALIDATE",
            "",
            body,
            prompt,
            heading=f"Workflow failed validation against the server's node definitions "
            f"({what}; nothing was sent)",
        )

    @classmethod
    def partial(
        cls, prompt_id: str, body: Mapping[str, Any], prompt: Mapping[str, Any] | None = None
    ) -> PromptValidationError:
        """The error for a 200 whose ``node_errors`` list outputs the server dropped."""
        return cls(
            200,
            "POST",
            "/prompt",
            {"error": {}, "node_errors": body.get("node_errors") or {}},
            prompt,
            heading=f"Prompt {prompt_id} was queued without some of its outputs (partial acceptance)",
        )


class ExecutionError(ComfyError):
    """A node raised while the prompt ran (``execution_error``)."""

    def __init__(self, prompt_id: str, data: Mapping[str, Any]) -> None:
        self.prompt_id = prompt_id
        self.node_id: str | None = _str_or_none(data.get("node_id"))
        self.node_type: str | None = _str_or_none(data.get("node_type"))
        self.exception_type: str = str(data.get("exception_type") or "")
        self.exception_message: str = str(data.get("exception_message") or "")
        tb = data.get("traceback")
        self.traceback: list[str] = [str(line) for line in tb] if isinstance(tb, list) else []
        executed = data.get("executed")
        self.executed: list[str] = [str(n) for n in executed] if isinstance(executed, list) else []
        self.current_inputs: object = data.get("current_inputs")
        super().__init__(
            f"prompt {prompt_id} failed at node {self.node_id} ({self.node_type}): "
            f"{self.exception_type}: {self.exception_message.strip()}"
        )


class ExecutionInterrupted(ComfyError):
    """The prompt was interrupted (``execution_interrupted``)."""

    def __init__(self, prompt_id: str, data: Mapping[str, Any] | None = None) -> None:
        data = data or {}
        self.prompt_id = prompt_id
        self.node_id: str | None = _str_or_none(data.get("node_id"))
        self.node_type: str | None = _str_or_none(data.get("node_type"))
        executed = data.get("executed")
        self.executed: list[str] = [str(n) for n in executed] if isinstance(executed, list) else []
        where = f" at node {self.node_id} ({self.node_type})" if self.node_id else ""
        super().__init__(f"prompt {prompt_id} was interrupted{where}")


class PromptCancelledError(ComfyError):
    """The prompt was removed from the queue (``cancel()``) before it ran.

    Unlike a bare ``CancelledError`` it cannot be mistaken for the waiting task itself being
    cancelled.
    """

    def __init__(self, prompt_id: str) -> None:
        self.prompt_id = prompt_id
        super().__init__(f"prompt {prompt_id} was cancelled: removed from the queue before it ran")


class PromptLostError(ComfyError):
    """The prompt left the queue without a history entry: deleted elsewhere, or the server restarted."""

    def __init__(self, prompt_id: str) -> None:
        self.prompt_id = prompt_id
        super().__init__(
            f"prompt {prompt_id} is neither queued nor in the history: it was deleted by "
            "someone else or the server restarted"
        )


class PromptNotFinishedError(ComfyError):
    """The prompt has no history entry yet: it is still queued or running."""

    def __init__(self, prompt_id: str) -> None:
        self.prompt_id = prompt_id
        super().__init__(f"prompt {prompt_id} has not finished yet (no history entry)")


class WorkflowError(ComfyError):
    """A workflow cannot be read, addressed or edited as asked (unknown or ambiguous node...)."""


class ConversionError(WorkflowError):
    """A UI-format workflow cannot be converted to the API format."""

    def __init__(self, message: str, node_id: str | None = None, title: str | None = None) -> None:
        self.node_id = node_id
        self.title = title
        super().__init__(message)


class NoEligibleServerError(ComfyError):
    """No server of a pool can run the workflow; ``reasons`` says, server by server, what
    it lacks (node classes, files) or why it was left out (down, excluded)."""

    def __init__(self, reasons: Mapping[str, list[str]], what: str = "this workflow") -> None:
        self.reasons: dict[str, list[str]] = {name: list(why) for name, why in reasons.items()}
        lines = [f"  {name}: {'; '.join(why)}" for name, why in self.reasons.items()]
        super().__init__(
            f"no server of the pool can run {what}:\n" + "\n".join(lines or ["  (no servers)"])
        )


class NoServerAvailableError(NoEligibleServerError, ComfyConnectionError):
    """Every server of a pool that could run the workflow is down (or being recovered)."""


class PromptUnconfirmedError(NoServerAvailableError):
    """A reattach (``reattach=True``) could not learn whether these servers hold the prompt
    (``reasons``: why each could not answer), so it was posted nowhere: posting it could run
    it twice. Retryable: the same call later either finds the prompt or posts it once."""

    def __init__(self, prompt_id: str, reasons: Mapping[str, list[str]]) -> None:
        self.prompt_id = prompt_id
        self.reasons = {name: list(why) for name, why in reasons.items()}
        lines = [f"  {name}: {'; '.join(why)}" for name, why in self.reasons.items()]
        ComfyError.__init__(
            self,
            f"prompt {prompt_id} was not posted: these servers could not say whether they "
            "hold it already (try again later):\n" + "\n".join(lines),
        )


class OutputPathError(ComfyError, ValueError):
    """An output file cannot be written at ``path``: its name from the server would leave
    the folder, or the file exists and ``overwrite`` was not given."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"refusing to write {path!r}: {reason}")


class OutputNotDownloadedError(ComfyError, ValueError):
    """An output file's bytes were asked for (``save()``, ``.image``) but not downloaded:
    the client has ``download_outputs=False``. Also a ``ValueError``, as it was before."""

    def __init__(self, filename: str, node_id: str, what: str) -> None:
        self.filename = filename
        self.node_id = node_id
        node = f" (node {node_id})" if node_id else ""
        super().__init__(
            f"cannot {what} {filename!r}{node}: it was not downloaded (the client has "
            "download_outputs=False); client.download(file, folder) fetches it"
        )


def error_from_response(
    status: int, method: str, url: str, body: object, prompt: Mapping[str, Any] | None = None
) -> ComfyHTTPError:
    """The typed error for an unexpected answer: ``PromptValidationError`` for a rejected prompt."""
    if (
        method == "POST"
        and url.rstrip("/").endswith("/prompt")
        and status == 400
        and isinstance(body, Mapping)
        and "error" in body
    ):
        return PromptValidationError(status, method, url, body, prompt)
    return status_error(status, method, url, body)


def status_error(
    status: int,
    method: str,
    url: str,
    body: object,
    retry_after: float | None = None,
    message: str | None = None,
) -> ComfyHTTPError:
    """The typed error for a status whatever the API: 401, 402, 403 and 429 have their own
    classes, the rest is ``ComfyHTTPError``."""
    if status == 429:
        return RateLimitedError(status, method, url, body, retry_after, message)
    kind = _BY_STATUS.get(status, ComfyHTTPError)
    return kind(status, method, url, body, message)


_BY_STATUS: dict[int, type[ComfyHTTPError]] = {
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
}


def _problems(
    error: Mapping[str, Any], node_errors: Mapping[str, Any], prompt: Mapping[str, Any]
) -> list[ValidationProblem]:
    problems = []
    for node_id, entry in node_errors.items():
        if not isinstance(entry, Mapping):
            continue
        node = prompt.get(node_id)
        title = None
        if isinstance(node, Mapping) and isinstance(node.get("_meta"), Mapping):
            title = _str_or_none(node["_meta"].get("title"))
        for err in entry.get("errors") or []:
            if not isinstance(err, Mapping):
                continue
            extra = as_mapping(err.get("extra_info"))
            problems.append(
                ValidationProblem(
                    node_id=str(node_id),
                    class_type=_str_or_none(entry.get("class_type")),
                    title=title,
                    type=str(err.get("type", "")),
                    message=str(err.get("message", "")),
                    details=str(err.get("details", "")),
                    input_name=_str_or_none(extra.get("input_name")),
                    received_value=extra.get("received_value"),
                )
            )
    if not problems and error:
        problems.append(_prompt_level(error, prompt))
    return problems


def _prompt_level(error: Mapping[str, Any], prompt: Mapping[str, Any]) -> ValidationProblem:
    """A problem of the whole prompt (no prompt, unknown node class, no outputs)."""
    details = str(error.get("details", ""))
    extra = as_mapping(error.get("extra_info"))
    node_id = _str_or_none(extra.get("node_id"))
    if node_id is None and details.startswith("Node ID '#"):
        node_id = details[len("Node ID '#") :].rstrip("'")
    node = prompt.get(node_id) if node_id is not None else None
    class_type = _str_or_none(extra.get("class_type"))
    title = _str_or_none(extra.get("node_title"))
    if isinstance(node, Mapping):
        class_type = class_type or _str_or_none(node.get("class_type"))
        meta = node.get("_meta")
        if title is None and isinstance(meta, Mapping):
            title = _str_or_none(meta.get("title"))
    return ValidationProblem(
        node_id=node_id,
        class_type=class_type,
        title=title,
        type=str(error.get("type", "")),
        message=str(error.get("message", "")),
        details="" if node_id is not None else details,
        input_name=None,
    )


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _body_hint(body: object) -> str:
    if body in (None, "", b""):
        return ""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    text = " ".join(text.split())
    return f": {text[:300]}"
