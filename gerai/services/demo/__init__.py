"""The demo shop: catalogue, members, users and generated past days."""
