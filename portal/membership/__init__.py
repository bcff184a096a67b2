"""Members of the network: the organisations and individuals that hold a membership and a vote."""
