"""Comfy API v2 (Comfy Cloud, comfy-api-proxy) behind the client's surface.

Free of I/O like ``protocol.py`` for the native API: what each request is and what its answer
means (``calls``), the job core the trackers drive (``protocol``), server-sent events
(``sse``), jobs as results and errors (``jobs``), and the workflow's input files as asset
references (``inputs``). The shells that send and follow are ``_async/v2_*.py`` and
``_sync/v2_*.py``.
"""

#: How errors and logs name the API.
API_NAME = "Comfy API v2"
