"""The sign-in gates of a hosted dashboard and the access decision they share."""
