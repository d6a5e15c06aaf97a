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
    """The database answers, the index is loaded and the router is ready; 503 otherwise."""
    services = getattr(request.app.state, "services", None)
    checks = services.readiness() if isinstance(services, Services) else {"started": False}
    if all(checks.values()):
        return JSONResponse(Readiness(ready=True, checks=checks).model_dump())
    failing = ", ".join(name for name, ok in checks.items() if not ok)
    body = {"error": {"code": "not_ready", "message": f"Not ready: {failing}."}, "checks": checks}
    return JSONResponse(body, status_code=503)
