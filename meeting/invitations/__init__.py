"""Calendar invitations by e-mail: requests, updates and cancellations, and who holds which."""
