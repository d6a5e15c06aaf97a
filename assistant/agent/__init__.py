"""The agent: typed tools over one deps object, guards, a model-agnostic loop, the reply."""
