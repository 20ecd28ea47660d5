"""Pull-request review: the change, what it introduced, and the comments a senior reviewer writes."""
