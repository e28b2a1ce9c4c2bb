import { textReply } from '../../domain/card-model.js';
import { rat } from '../../domain/kpi/rational.js';
import { bindGroup, unbindGroup } from '../../features/group-chats/binds.js';
import { likeWinPost } from '../../features/group-chats/win-post.js';
import { formatMoney } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { defineCommand, type CommandContext, type CommandDefinition, type TextOutput } from '../command.js';
import { BIND_GROUP_COMMAND } from '../group-check.js';

/** The group the command was typed in, or an answer saying group commands need a group. */
function groupOf(ctx: CommandContext): { group: { platform: CommandContext['platform']; chatId: string } } | { refusal: TextOutput } {
  if (ctx.conversation?.chatType !== 'group') return { refusal: { send: [textReply(t(ctx.locale, 'group.onlyInGroup'))] } };
  return { group: { platform: ctx.platform, chatId: ctx.conversation.chatId } };
}

/** 绑定群 <部门> / 解绑群 in a team group chat, and the 喜报's 点赞 button. */
export function createGroupChatCommands(): CommandDefinition[] {
  return [
    defineCommand({
      name: BIND_GROUP_COMMAND,
      words: ['绑定群', 'bindgroup', '/bindgroup'],
      summary: 'command.bindGroup.summary',
      examples: ['绑定群 华东一组'],
      examplesEn: ['bindgroup 华东一组'],
      audience: ['manager', 'admin'],
      onText: async (ctx, rest) => {
        const where = groupOf(ctx);
        if ('refusal' in where) return where.refusal;
        if (!rest.trim()) return { send: [textReply(t(ctx.locale, 'group.bind.needDepartment'))] };
        // A platform that cannot be asked (undefined) trusts the signed event: it came from the group.
        const { bind, department } = await bindGroup(ctx.deps, actorOf(ctx), { ...where.group, departmentName: rest, member: ctx.groupMember ?? true });
        const threshold = formatMoney(rat(ctx.deps.config.groupPosts.winMinFen), ctx.locale);
        return { send: [textReply(t(ctx.locale, 'group.bind.done', { department, topN: bind.topN, threshold }))] };
      },
    }),
    defineCommand({
      name: 'unbind-group',
      words: ['解绑群', 'unbindgroup', '/unbindgroup'],
      summary: 'command.unbindGroup.summary',
      examples: ['解绑群'],
      examplesEn: ['unbindgroup'],
      audience: ['manager', 'admin'],
      onText: async (ctx) => {
        const where = groupOf(ctx);
        if ('refusal' in where) return where.refusal;
        const { department } = await unbindGroup(ctx.deps, actorOf(ctx), where.group);
        return { send: [textReply(t(ctx.locale, 'group.unbind.done', { department }))] };
      },
    }),
    defineCommand({
      name: 'win',
      words: [],
      summary: 'command.bindGroup.summary',
      examples: [],
      hidden: true,
      actions: {
        // Anyone the card was shown to may like it, once; the card comes back with the new count.
        like: async (ctx, action) => {
          const { card, liked, retracted } = await likeWinPost(ctx.deps, actorOf(ctx), { postId: Number(action.args.post) });
          const text = t(ctx.locale, retracted ? 'group.win.gone' : liked ? 'group.win.liked' : 'group.win.alreadyLiked');
          return { card, toast: { kind: retracted || !liked ? 'info' : 'success', text } };
        },
      },
    }),
  ];
}
