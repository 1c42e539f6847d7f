"""Pages of the newsletter: public (subscription, archive), editors' offers, the coordinator's."""
