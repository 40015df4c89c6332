"""The calls lookup's data and domain logic: schema, store, queries, Dutch formatting, staff CLI."""
