import os

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///app.db")
    app.config["DEBUG"] = True
    db.init_app(app)
    return app


if __name__ == "__main__":
    application = create_app()
    application.debug = True
    application.run(port=8000)
