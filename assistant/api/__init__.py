"""The HTTP API (contract: ``/work/brief/api_contract.md``; reference: ``GET /docs``).

app.py        create_app(settings) -> FastAPI; lifespan; middleware; routers
services.py   what the lifespan builds once: the Assistant (warmed), the conversations
deps.py       Annotated dependency aliases (settings, services, authenticated conversation)
errors.py     the one place where exceptions become {"error": {"code", "message"}}
schemas.py    request/response bodies, separate from the internal models
limits.py     body size limit, sliding-window rate limits per IP and per conversation
routes/       conversations, health, documents; events, admin, metrics, demo
"""
