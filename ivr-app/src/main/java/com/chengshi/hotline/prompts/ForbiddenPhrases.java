package com.chengshi.hotline.prompts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The words the phone-service standard forbids (客户服务禁语 and every "never" phrase), in Mandarin and English.
 * Mandarin phrases match anywhere, ignoring punctuation and spaces; English ones match as whole words, any case.
 */
final class ForbiddenPhrases {

    private static final List<String> MANDARIN = List.of(
            "我不能", "我不会做", "这不是我应该做的", "我想我做不了", "但是",
            "喂~谁呀", "你谁", "什么事", "你电话怎么回事", "说话呀", "不说话我挂了", "你电话有问题了", "你说话大点声",
            "你打错了", "我也没办法啊", "就这一个电话", "人手太少啊", "你说什么", "您是什么意思", "你要对你说的话负责",
            "请你嘴巴干净一点", "你电话多少", "你还有别的事吗", "没事我挂了");
    private static final List<String> ENGLISH = List.of(
            "I can't", "I cannot", "I won't", "that's not my job", "I don't think I can", "but",
            "who's this", "what is it", "what's wrong with your phone", "say something", "I'll hang up",
            "your phone has a problem", "speak louder", "wrong number", "nothing I can do", "short-staffed",
            "what did you say", "what do you mean", "watch your language", "what's your number");

    private static final Pattern NOT_WORDS = Pattern.compile("[\\p{P}\\p{S}\\s]+");
    private static final Map<String, Pattern> ENGLISH_WORDS = ENGLISH.stream().collect(Collectors.toMap(
            p -> p,
            p -> Pattern.compile("(?<![\\p{L}\\p{N}'])" + Pattern.quote(p).replace(" ", "\\E\\s+\\Q")
                    + "(?![\\p{L}\\p{N}'])", Pattern.CASE_INSENSITIVE),
            (a, b) -> a, LinkedHashMap::new));

    private ForbiddenPhrases() {
    }

    /** The forbidden phrases in {@code text}, as the lists above spell them. */
    static List<String> foundIn(String text) {
        String squeezed = squeeze(text);
        String apostrophesPlain = text.replace('\u2019', '\'');
        return Stream.concat(
                MANDARIN.stream().filter(p -> squeezed.contains(squeeze(p))),
                ENGLISH_WORDS.entrySet().stream()
                        .filter(e -> e.getValue().matcher(apostrophesPlain).find()).map(Map.Entry::getKey)
        ).toList();
    }

    private static String squeeze(String text) {
        return NOT_WORDS.matcher(text).replaceAll("");
    }
}
