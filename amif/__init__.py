"""The project's shared code that is not Rasa glue: its settings and its catalogue of authorities, themes and regions."""
