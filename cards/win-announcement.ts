import type { CardElement } from '../src/domain/card-model.js';
import { userText as u } from '../src/domain/user-text.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';

/** 喜报: a won deal announced in the team group, with a 点赞 button counting distinct likers. */
export interface WinAnnouncementCardData {
  postId: number;
  team: string;
  rep: string;
  /** The customer's name, or its masked form when the customer is confidential. */
  customer: string;
  /** The amount as the team reads it ("8.5万"). */
  amount: string;
  monthDeals: number;
  monthTotal: string;
  likes: number;
  /** The deal was undone: the card says so and keeps no button. */
  retracted: boolean;
}

export const winAnnouncementCard = defineCard<WinAnnouncementCardData>(
  'win-announcement',
  (data, locale: Locale) => {
    if (data.retracted) {
      return {
        template: 'win-announcement',
        title: t(locale, 'group.win.retractedTitle', { team: u(data.team) }),
        color: 'grey',
        elements: [{ type: 'markdown', text: t(locale, 'group.win.retracted') }],
      };
    }
    const elements: CardElement[] = [
      { type: 'markdown', text: t(locale, 'group.win.body', { rep: u(data.rep), customer: u(data.customer), amount: data.amount }) },
      { type: 'note', text: t(locale, 'group.win.progress', { count: data.monthDeals, total: data.monthTotal }) },
      { type: 'markdown', text: t(locale, 'group.win.likes', { count: data.likes }) },
      { type: 'actions', buttons: [{ label: t(locale, 'group.win.like'), action: { command: 'win.like', args: { post: String(data.postId) } }, style: 'primary' }] },
    ];
    return { template: 'win-announcement', title: t(locale, 'group.win.title', { team: u(data.team) }), color: 'red', elements };
  },
  { postId: 7, team: '华东一组', rep: '张三', customer: '华为技术有限公司', amount: '8.5万', monthDeals: 4, monthTotal: '32万', likes: 2, retracted: false },
);
