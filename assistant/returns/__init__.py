"""Return labels: the ``ReturnsProvider`` boundary, its PDF implementation and signed links."""
