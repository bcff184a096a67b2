"""count the forum's category totals from an index

Revision ID: 3f6a0c2d9b14
Revises: b7c2e9a41d05
Create Date: 2026-12-02 21:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '3f6a0c2d9b14'
down_revision = 'b7c2e9a41d05'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_forum_thread_totals', 'forum_thread',
                    ['category_id', 'merged_into_id', 'subject_kind', 'subject_id', 'post_count', 'last_post_at'])


def downgrade():
    op.drop_index('ix_forum_thread_totals', table_name='forum_thread')
