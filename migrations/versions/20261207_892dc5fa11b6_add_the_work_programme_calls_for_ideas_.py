"""add the work programme: calls for ideas, ideas, supports, general meetings, motions, amendments and delivery

Revision ID: 892dc5fa11b6
Revises: ea8c4e0f116f
Create Date: 2026-12-07 21:32:34.503464

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '892dc5fa11b6'
down_revision = 'ea8c4e0f116f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('general_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=3), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_cy', sa.String(length=200), nullable=False),
    sa.Column('meets_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('motions_close_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('amendments_close_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('venue', sa.String(length=300), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['person.id'], name=op.f('fk_general_meeting_created_by_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_general_meeting'))
    )
    op.create_table('idea_call',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_cy', sa.String(length=200), nullable=False),
    sa.Column('guidance_en', sa.Text(), nullable=False),
    sa.Column('guidance_cy', sa.Text(), nullable=False),
    sa.Column('opens_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('adopted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['person.id'], name=op.f('fk_idea_call_created_by_id_person')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_idea_call_decision_id_decision')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_call'))
    )
    with op.batch_alter_table('idea_call', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_call_year'), ['year'], unique=False)

    op.create_table('motion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_cy', sa.String(length=200), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('text_cy', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('proposer_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('seconder_member_id', sa.Integer(), nullable=True),
    sa.Column('seconder_id', sa.Integer(), nullable=True),
    sa.Column('seconded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ruled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ruling_reason', sa.Text(), nullable=False),
    sa.Column('ruling_reason_cy', sa.Text(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_motion_decision_id_decision')),
    sa.ForeignKeyConstraint(['meeting_id'], ['general_meeting.id'], name=op.f('fk_motion_meeting_id_general_meeting')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_motion_member_id_member')),
    sa.ForeignKeyConstraint(['proposer_id'], ['person.id'], name=op.f('fk_motion_proposer_id_person')),
    sa.ForeignKeyConstraint(['seconder_id'], ['person.id'], name=op.f('fk_motion_seconder_id_person')),
    sa.ForeignKeyConstraint(['seconder_member_id'], ['member.id'], name=op.f('fk_motion_seconder_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_motion'))
    )
    with op.batch_alter_table('motion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_motion_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_motion_status'), ['status'], unique=False)

    op.create_table('amendment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('motion_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('amended_text_en', sa.Text(), nullable=False),
    sa.Column('amended_text_cy', sa.Text(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('proposer_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('seconder_member_id', sa.Integer(), nullable=True),
    sa.Column('seconder_id', sa.Integer(), nullable=True),
    sa.Column('seconded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ruled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ruling_reason', sa.Text(), nullable=False),
    sa.Column('ruling_reason_cy', sa.Text(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_amendment_decision_id_decision')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_amendment_member_id_member')),
    sa.ForeignKeyConstraint(['motion_id'], ['motion.id'], name=op.f('fk_amendment_motion_id_motion')),
    sa.ForeignKeyConstraint(['proposer_id'], ['person.id'], name=op.f('fk_amendment_proposer_id_person')),
    sa.ForeignKeyConstraint(['seconder_id'], ['person.id'], name=op.f('fk_amendment_seconder_id_person')),
    sa.ForeignKeyConstraint(['seconder_member_id'], ['member.id'], name=op.f('fk_amendment_seconder_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amendment'))
    )
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amendment_motion_id'), ['motion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_amendment_status'), ['status'], unique=False)

    op.create_table('call_theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('name_cy', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['idea_call.id'], name=op.f('fk_call_theme_call_id_idea_call'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_theme'))
    )
    with op.batch_alter_table('call_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_theme_call_id'), ['call_id'], unique=False)

    op.create_table('idea',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_cy', sa.String(length=200), nullable=False),
    sa.Column('problem_en', sa.Text(), nullable=False),
    sa.Column('problem_cy', sa.Text(), nullable=False),
    sa.Column('activity_en', sa.Text(), nullable=False),
    sa.Column('activity_cy', sa.Text(), nullable=False),
    sa.Column('benefit_en', sa.Text(), nullable=False),
    sa.Column('benefit_cy', sa.Text(), nullable=False),
    sa.Column('member_role', sa.String(length=10), nullable=False),
    sa.Column('costs_pence', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('outcome_reason_en', sa.Text(), nullable=False),
    sa.Column('outcome_reason_cy', sa.Text(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('option_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['person.id'], name=op.f('fk_idea_author_id_person')),
    sa.ForeignKeyConstraint(['option_id'], ['option.id'], name=op.f('fk_idea_option_id_option')),
    sa.ForeignKeyConstraint(['call_id'], ['idea_call.id'], name=op.f('fk_idea_call_id_idea_call')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_idea_member_id_member')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['idea.id'], name=op.f('fk_idea_merged_into_id_idea')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea'))
    )
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.create_index('ix_idea_call_status', ['call_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_member_id'), ['member_id'], unique=False)

    op.create_table('idea_credit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('from_idea_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['from_idea_id'], ['idea.id'], name=op.f('fk_idea_credit_from_idea_id_idea')),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_idea_credit_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_idea_credit_member_id_member')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_idea_credit_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_credit')),
    sa.UniqueConstraint('idea_id', 'from_idea_id', name=op.f('uq_idea_credit_idea_id_from_idea_id'))
    )
    with op.batch_alter_table('idea_credit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_credit_idea_id'), ['idea_id'], unique=False)

    op.create_table('idea_support',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_idea_support_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_idea_support_member_id_member')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_idea_support_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_support')),
    sa.UniqueConstraint('idea_id', 'member_id', name=op.f('uq_idea_support_idea_id_member_id'))
    )
    with op.batch_alter_table('idea_support', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_support_member_id'), ['member_id'], unique=False)

    op.create_table('idea_theme',
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_idea_theme_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['call_theme.id'], name=op.f('fk_idea_theme_theme_id_call_theme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('idea_id', 'theme_id', name=op.f('pk_idea_theme'))
    )
    with op.batch_alter_table('idea_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_theme_theme_id'), ['theme_id'], unique=False)

    op.create_table('idea_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('texts', sa.JSON(), nullable=False),
    sa.Column('edited_by_id', sa.Integer(), nullable=True),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['edited_by_id'], ['person.id'], name=op.f('fk_idea_version_edited_by_id_person')),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_idea_version_idea_id_idea'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_version')),
    sa.UniqueConstraint('idea_id', 'number', name=op.f('uq_idea_version_idea_id_number'))
    )
    op.create_table('programme_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_cy', sa.String(length=200), nullable=False),
    sa.Column('result', sa.String(length=200), nullable=False),
    sa.Column('owner_kind', sa.String(length=12), nullable=False),
    sa.Column('owner_group_id', sa.Integer(), nullable=True),
    sa.Column('owner_member_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('dropped_reason', sa.Text(), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('adopted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('progress >= 0 AND progress <= 100', name=op.f('ck_programme_item_progress_per_cent')),
    sa.ForeignKeyConstraint(['call_id'], ['idea_call.id'], name=op.f('fk_programme_item_call_id_idea_call')),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_programme_item_idea_id_idea')),
    sa.ForeignKeyConstraint(['owner_group_id'], ['work_group.id'], name=op.f('fk_programme_item_owner_group_id_work_group')),
    sa.ForeignKeyConstraint(['owner_member_id'], ['member.id'], name=op.f('fk_programme_item_owner_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_item')),
    sa.UniqueConstraint('idea_id', name=op.f('uq_programme_item_idea_id'))
    )
    with op.batch_alter_table('programme_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_item_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_item_status'), ['status'], unique=False)

    op.create_table('delivery_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['programme_item.id'], name=op.f('fk_delivery_link_item_id_programme_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_link')),
    sa.UniqueConstraint('item_id', 'kind', 'target_id', name=op.f('uq_delivery_link_item_id_kind_target_id'))
    )
    with op.batch_alter_table('delivery_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_link_item_id'), ['item_id'], unique=False)

    op.create_table('programme_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('written_by_id', sa.Integer(), nullable=True),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('text_cy', sa.Text(), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.CheckConstraint('progress >= 0 AND progress <= 100', name=op.f('ck_programme_update_progress_per_cent')),
    sa.ForeignKeyConstraint(['item_id'], ['programme_item.id'], name=op.f('fk_programme_update_item_id_programme_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['written_by_id'], ['person.id'], name=op.f('fk_programme_update_written_by_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_update'))
    )
    with op.batch_alter_table('programme_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_update_item_id'), ['item_id'], unique=False)



def downgrade():
    with op.batch_alter_table('programme_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_update_item_id'))

    op.drop_table('programme_update')
    with op.batch_alter_table('delivery_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_link_item_id'))

    op.drop_table('delivery_link')
    with op.batch_alter_table('programme_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_item_status'))
        batch_op.drop_index(batch_op.f('ix_programme_item_call_id'))

    op.drop_table('programme_item')
    op.drop_table('idea_version')
    with op.batch_alter_table('idea_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_theme_theme_id'))

    op.drop_table('idea_theme')
    with op.batch_alter_table('idea_support', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_support_member_id'))

    op.drop_table('idea_support')
    with op.batch_alter_table('idea_credit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_credit_idea_id'))

    op.drop_table('idea_credit')
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_member_id'))
        batch_op.drop_index('ix_idea_call_status')

    op.drop_table('idea')
    with op.batch_alter_table('call_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_theme_call_id'))

    op.drop_table('call_theme')
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amendment_status'))
        batch_op.drop_index(batch_op.f('ix_amendment_motion_id'))

    op.drop_table('amendment')
    with op.batch_alter_table('motion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_motion_status'))
        batch_op.drop_index(batch_op.f('ix_motion_meeting_id'))

    op.drop_table('motion')
    with op.batch_alter_table('idea_call', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_call_year'))

    op.drop_table('idea_call')
    op.drop_table('general_meeting')
