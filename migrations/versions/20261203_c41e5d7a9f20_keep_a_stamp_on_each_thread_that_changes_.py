"""keep a stamp on each thread that changes with its pages of posts

Revision ID: c41e5d7a9f20
Revises: 3f6a0c2d9b14
Create Date: 2026-12-03 12:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c41e5d7a9f20'
down_revision = '3f6a0c2d9b14'
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN on both databases, as for the labs' and groups' stamps. Existing
    # threads all start with the same stamp; the first change to a thread's posts renews its own.
    op.add_column('forum_thread', sa.Column('posts_stamp', sa.String(length=32), nullable=False,
                                            server_default='before-stamps'))


def downgrade():
    op.drop_column('forum_thread', 'posts_stamp')
