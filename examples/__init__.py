"""Runnable examples; ``python -m examples.demo`` starts the book/author API."""
