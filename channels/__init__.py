"""Rasa input channels of the AMIF-assistent (registered in credentials.yml by import path)."""
