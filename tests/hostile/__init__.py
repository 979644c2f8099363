"""The hostile-server suite: every route the client calls, native and v2, and the WebSocket and
event streams, attacked from a programmable loopback server (``server.py``) standing in front
of the test double; both clients; property-based fault sequences on the double.

Every case ends within a stated deadline (a watchdog thread) with a result or a ``ComfyError``;
then a normal prompt must still work, and no secret may appear in any log record of any
library (root at DEBUG), nor in any ``repr``/``str`` of results, errors and clients.

Cases failing today because of a known defect carry a strict xfail from ``xfails.py`` (one
table per test module, grouped by defect): when a fix lands the case XPASSes, which fails the
run, and its entry is to be removed.
"""
