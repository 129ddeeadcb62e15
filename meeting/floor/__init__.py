"""Taking the floor: lists of speakers by protocol precedence, inscriptions and their links."""
