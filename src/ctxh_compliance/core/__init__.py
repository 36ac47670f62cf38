"""What every stage uses: Unicode text and Vietnamese numbers, errors with their places, the message
catalogue, today's date and where the data folders are. Imports nothing else of the package."""
