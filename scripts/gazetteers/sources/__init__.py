"""Readers that turn each external corpus into gazetteer entities or annotated-mention pools."""
