"""Word templates (docxtpl) that staff may edit; a workspace's own `templates/` overrides them."""
