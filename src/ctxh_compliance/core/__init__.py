"""What every stage uses: Unicode text and Vietnamese numbers, errors with their places, the message
catalogue, today's date, where the data folders are, a Word paragraph's text (wordml.py).
Imports nothing else of the package."""
