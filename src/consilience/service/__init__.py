"""The HTTP service for newsrooms: stories, documents, reports; API keys, tenants, limits.

``create_app(Settings(db_url=...))`` builds the FastAPI app; ``consilience serve`` runs it on uvicorn.
"""
