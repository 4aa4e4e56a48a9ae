"""One module per area of the application, each exposing `router`; `tiptrain.web.app.ROUTERS` lists them."""
