"""Forms for the network app, one module per page group."""
