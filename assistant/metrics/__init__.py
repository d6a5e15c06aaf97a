"""Support metrics from stored data, the knowledge-gap report, and the Prometheus exposition.

records.py      the typed read interface: ConversationRecord, TurnRecord, SupportData and
                the SupportDataSource protocol the computations read through
signals.py      what a turn says: topic of an intent, "that helped" / "still broken"
support.py      compute_support_metrics(data, period) -> SupportMetrics
gaps.py         knowledge_gaps(conversations) -> groups of unanswered questions
store_source.py SqlSupportData: the store's tables (conversations, messages, tickets,
                feedback, orders, subscriptions) -> SupportData
prometheus.py   a small registry (counters, histograms), text exposition, process metrics
http.py         install_metrics(app): request counts/latency by route, turn counters
"""
