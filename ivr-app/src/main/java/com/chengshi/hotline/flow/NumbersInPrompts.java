package com.chengshi.hotline.flow;

/** §11: which prompts read out a number a caller may want to write down; the prompt catalogue knows. */
@FunctionalInterface
public interface NumbersInPrompts {

    boolean readsOutANumber(String promptId);
}
