"""``/healthz`` (the process answers) and ``/readyz`` (it can serve customers)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from assistant.api.schemas import ErrorBody, Health, Readiness
from assistant.api.services import Services

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> Health:
    """The process is up."""
    return Health()


@router.get("/readyz", response_model=Readiness, responses={503: {"model": ErrorBody}})
def readyz(request: Request) -> JSONResponse:
    """The database answers, the index is loaded and current (or lagging the newest version
    for at most ``index_max_lag_seconds``) and the router is ready; 503 otherwise. ``index``
    reports the served and current index versions."""
    services = getattr(request.app.state, "services", None)
    checks: dict[str, bool] = {"started": False}
    index: dict[str, str | float | None] = {}
    if isinstance(services, Services):
        checks, index = services.readiness(), services.index_versions()
    if all(checks.values()):
        return JSONResponse(Readiness(ready=True, checks=checks, index=index).model_dump())
    failing = ", ".join(name for name, ok in checks.items() if not ok)
    body = {
        "error": {"code": "not_ready", "message": f"Not ready: {failing}."},
        "checks": checks,
        "index": index,
    }
    return JSONResponse(body, status_code=503)
