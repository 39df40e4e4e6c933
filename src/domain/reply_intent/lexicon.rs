//! The words members answer with, and the splitting of a normalised reply into those words.

use std::sync::LazyLock;

use super::normalise::Normalised;

/// What a word says. The order is the priority when two words of equal length overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Not done / not seen: 没学, 没看完, 没收到.
    Unable,
    /// Hedging: 看情况, 尽量, 可能, 不一定.
    Hedge,
    /// Asking for leave outright: 请假.
    LeaveAsk,
    /// A negated coming: 去不了, 不参加, 来不了. Anywhere in the reply.
    LeaveStrong,
    /// 不去, 不来: a leave only at the end of the reply (不去超市 is not one).
    LeaveTail,
    /// 有事, 没空: a leave that is its own reason; only at the end of the reply.
    LeaveDesc,
    /// 已学, 学完了, 看完了.
    Studied,
    /// 学了, 看了, 已读: studied, but only when little else is said.
    StudiedWeak,
    /// 已阅: read (studied for study material, acknowledged for a briefing).
    Read,
    /// 知道了, 明白, 了解: noted, without saying whether one comes.
    Noted,
    /// 好的, 好, 收到, ok, 👍, 👌: agreement, meaningful only as the whole reply.
    Accept,
    /// 参加, 出席, 报名, 一定到: coming, even with a few other words around.
    AttendStrong,
    /// 可以, 能去, 没问题: coming, when nothing else is said.
    AttendWeak,
    /// 吧 — makes what it closes tentative (参加不了吧).
    Tentative,
    /// 老伴, 爱人, 家属: someone comes along.
    Companion,
    /// 谢谢, 书记, 了, 啊: politeness and particles.
    Polite,
    /// 我, 明天, 上午, 一定, 准时: words that change nothing.
    Filler,
    /// A stray 不 / 没 that is part of no known word.
    Negator,
    /// 去, 来, 到: coming, when nothing else is said; ignored inside a leave reason.
    AttendBare,
    /// Anything else.
    Other,
}

use Kind::*;

#[rustfmt::skip]
const WORDS: &[(Kind, &[&str])] = &[
    (Unable, &[
        "没学", "未学", "还没学", "没有学", "没学完", "没学习", "没看", "未看", "没有看", "还没看",
        "没看完", "没读", "学不了", "看不了", "看不清", "没收到", "没看到", "看不到", "收不到",
        "找不到", "听不到", "听不清",
    ]),
    (Hedge, &[
        "看情况", "尽量", "尽可能", "争取", "可能", "有可能", "也许", "或许", "说不定", "不一定",
        "不确定", "不太确定", "不好说", "说不好", "难说", "再说", "再看", "再看看", "到时候看",
        "到时候再看", "到时再看", "到时看", "估计", "大概", "应该", "如果", "要是", "万一",
        "看身体", "看身体情况", "能去就去", "能来就来", "能参加就参加", "不知道", "待定", "未定",
        "还没定", "看安排", "不敢保证", "不好讲", "可能参加", "可能去", "可能来", "可能到",
    ]),
    (LeaveAsk, &["请假", "请个假", "告假", "请病假", "请事假", "请一次假", "请下假"]),
    (LeaveStrong, &[
        "去不了", "去不成", "去不上", "来不了", "来不成", "到不了", "参加不了", "参加不成",
        "参加不上", "参会不了", "不参加", "不能参加", "不能去", "不能来", "不能到", "不能参会",
        "不参会", "无法参加", "无法参会", "无法到会", "无法出席", "无法去", "无法前往", "无法到场",
        "没法去", "没法来", "没法参加", "没办法去", "没办法来", "没办法参加", "不会去", "不会来",
        "不会参加", "不想去", "赶不回来", "赶不上", "回不来", "走不了", "出不了门", "出不去",
        "缺席", "不出席", "不去了", "不来了", "去不了了", "来不了了", "参加不了了",
    ]),
    (LeaveTail, &["不去", "不来", "不到", "不过去了", "就不去了", "不参加了"]),
    (LeaveDesc, &[
        "有事", "有点事", "有别的事", "有其他事", "有急事", "另有安排", "有安排", "没空", "没时间",
        "抽不出时间", "走不开",
    ]),
    (Studied, &[
        "已学", "已学习", "已学完", "学完了", "学完", "学习完毕", "学习完了", "已完成学习",
        "完成学习", "已经学了", "已经学习了", "已经学完了", "学好了", "学习了", "已看完", "看完了",
        "看完", "读完了", "读完", "已读完",
    ]),
    (StudiedWeak, &["学了", "看了", "看过了", "看过", "读了", "已看", "已读", "看了一遍"]),
    (Read, &["已阅", "阅"]),
    (Noted, &[
        "知道了", "知道", "明白", "明白了", "了解", "了解了", "知悉", "已知悉", "收悉", "看到了",
    ]),
    (Accept, &[
        "好的", "好", "好嘞", "好滴", "好好", "行", "行的", "ok", "okay", "👍", "👌", "收到",
        "已收到", "嗯嗯", "嗯好",
    ]),
    (AttendStrong, &[
        "参加", "准时参加", "按时参加", "一定参加", "保证参加", "我参加", "能参加", "可以参加",
        "会参加", "肯定参加", "届时参加", "参会", "准时参会", "出席", "准时出席", "报名", "到会",
        "准时到会", "按时到会", "准时到", "按时到", "一定到", "必到", "准到", "保证到", "到场",
        "准时到场", "不见不散", "明天见", "到时见", "会上见",
    ]),
    (AttendWeak, &[
        "可以", "没问题", "能去", "可以去", "会去", "一定去", "肯定去", "能来", "可以来", "会来",
        "一定来", "肯定来", "准时", "按时", "去的", "来的",
    ]),
    (Tentative, &["吧"]),
    (Companion, &[
        "老伴", "老伴儿", "爱人", "老婆", "老公", "老头", "老头子", "老太婆", "妻子", "丈夫",
        "夫人", "我俩", "我们俩", "我们两个", "两口子", "家属", "女儿", "儿子", "孩子", "保姆",
        "陪", "陪同", "陪着",
    ]),
    (Polite, &[
        "谢谢", "感谢", "多谢", "谢", "书记", "同志", "同志们", "嗯", "啊", "哈", "哈哈", "了",
        "啦", "呀", "哦", "噢", "嘞", "哟", "抱歉", "对不起", "不好意思", "辛苦了", "辛苦", "您",
        "应该的", "通知",
    ]),
    (Filler, &[
        "我", "我们", "俺", "本人", "咱", "咱们", "自己", "今天", "明天", "后天", "明早", "上午",
        "下午", "晚上", "早上", "中午", "届时", "到时", "到时候", "一定", "肯定", "保证", "会",
        "要", "也", "都", "还", "就", "的", "是", "和", "跟", "与", "同", "带", "一起", "一块",
        "俩", "两个", "两人", "会议", "开会", "这次", "本次", "活动", "学习", "但是", "不过", "但",
        "所以", "因为", "由于", "因", "实在", "真", "非常", "很", "只能", "只好", "得", "这个",
        "那天", "当天", "那", "那就", "一下", "一次", "马上", "现在", "周一", "周二", "周三",
        "周四", "周五", "周六", "周日", "周末", "星期一", "星期二", "星期三", "星期四", "星期五",
        "星期六", "星期日", "星期天", "下周", "本周", "这周", "按要求", "下次", "下次一定",
        "下次参加", "下次再参加", "下次一定参加", "下次再去", "下次一定去", "下次再来",
    ]),
    (Negator, &["不", "没", "未", "没有", "不可以", "不可能", "别"]),
    (AttendBare, &["去", "来", "到", "过去", "过来"]),
    // Plain words that would otherwise be misread through a shorter word inside them:
    // 身体不好 is not 好, 去年参加过 is not 参加.
    (Other, &[
        "不好", "不太好", "不舒服", "不方便", "不行", "不适", "不便", "去年", "去世", "参加过",
        "去过", "来过", "到过", "好多", "好久", "好些", "到家",
    ]),
];

/// Every word with its kind and priority, longest first.
static LEXICON: LazyLock<Vec<(Vec<char>, Kind, usize)>> = LazyLock::new(|| {
    let mut all: Vec<(Vec<char>, Kind, usize)> = WORDS
        .iter()
        .enumerate()
        .flat_map(|(priority, (kind, words))| {
            words.iter().map(move |w| (w.chars().collect(), *kind, priority))
        })
        .collect();
    all.sort_by_key(|(w, _, priority)| (std::cmp::Reverse(w.len()), *priority));
    all
});

/// One word of a reply: characters `start..end` of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token {
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Split a normalised reply into known words, longest words first wherever they occur (so
/// 我去不了 is 我 + 去不了, never 我去 + 不了), never across a separator (不，去 is not 不去);
/// unknown stretches become `Other` tokens.
pub(super) fn tokenize(core: &Normalised) -> Vec<Token> {
    let chars = &core.chars;
    let mut taken: Vec<Option<Kind>> = vec![None; chars.len()];
    let mut tokens = Vec::new();
    for (word, kind, _) in LEXICON.iter() {
        if word.len() > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - word.len() {
            let end = start + word.len();
            if &chars[start..end] == word.as_slice()
                && taken[start..end].iter().all(Option::is_none)
                && !core.gap_before[start + 1..end].contains(&true)
            {
                taken[start..end].fill(Some(*kind));
                tokens.push(Token { start, end, kind: *kind });
            }
        }
    }
    let mut start = 0;
    while start < chars.len() {
        if taken[start].is_some() {
            start += 1;
            continue;
        }
        let end = (start..chars.len()).find(|&i| taken[i].is_some()).unwrap_or(chars.len());
        tokens.push(Token { start, end, kind: Other });
        start = end;
    }
    tokens.sort_by_key(|t| t.start);
    demote_misplaced_tails(core, &mut tokens);
    tokens
}

/// 不去 / 有事 mean leave only at the end of their phrase: followed by unknown words before the
/// next separator (不去超市, 有事找我) they are not an answer; 不去，腿疼 still is.
fn demote_misplaced_tails(core: &Normalised, tokens: &mut [Token]) {
    let mut other_after = false;
    for token in tokens.iter_mut().rev() {
        if token.end < core.len() && core.gap_before[token.end] {
            other_after = false;
        }
        match token.kind {
            Other => other_after = true,
            LeaveTail | LeaveDesc if other_after => token.kind = Other,
            _ => {}
        }
    }
}

/// Words that make a reply a question (几点开会, 在哪里, 谁去, 去不去).
const QUESTION_WORDS: &[&str] = &[
    "几点",
    "几时",
    "几号",
    "哪",
    "什么",
    "啥",
    "谁",
    "怎么",
    "怎样",
    "如何",
    "多少",
    "是否",
    "参加不参加",
    "哪天",
    "星期几",
    "周几",
    "礼拜几",
    "多久",
    "为何",
    "请问",
    "问一下",
    "问下",
    "吗",
];

/// Whether a normalised reply is a question: a question word, 吗 anywhere, 呢/么 at the end, or
/// an unbroken "A不A" / "A没A" (去不去, 参不参加, 有没有; also 去不 at the end). "去，不去" —
/// separated — is a member changing their mind, not a question.
pub(super) fn is_question(core: &Normalised) -> bool {
    let (chars, gap) = (&core.chars, &core.gap_before);
    let text: String = chars.iter().collect();
    let unbroken = |i: usize| !gap[i] && !gap[i + 1];
    let n = chars.len();
    QUESTION_WORDS.iter().any(|w| text.contains(w))
        || matches!(chars.last(), Some('呢' | '么'))
        || (n >= 2 && chars[n - 1] == '不' && !gap[n - 1])
        || (0..n.saturating_sub(2))
            .any(|i| matches!(chars[i + 1], '不' | '没') && chars[i] == chars[i + 2] && unbroken(i + 1))
}
