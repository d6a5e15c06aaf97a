"""What the admin endpoints do, apart from HTTP.

reingest.py     ReingestRunner: one background ingestion at a time, then retriever refresh
escalations.py  the escalation queue: tickets with their hand-over packets
"""
