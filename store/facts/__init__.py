"""The facts pass and every writer beside it: what is computed once per dataset version (never imports the readers in store/)."""
