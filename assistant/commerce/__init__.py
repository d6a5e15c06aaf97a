"""Commerce services: verified identity, reads and confirmed actions over the store.

The agent reaches these only through :class:`assistant.commerce.backend.CommerceBackend`.
"""
