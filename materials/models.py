"""Materials library: its models are added by the issue that builds it."""
