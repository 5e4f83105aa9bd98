# source: https://github.com/zai-org/ChatGLM3/issues/177
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, top-level
# needs: streamlit, torch
# cpu: no written where torch was not installed; not run
"""Entry point: streamlit run main.py"""
import streamlit as st
import torch

import demo_chat

st.set_page_config(page_title="ChatGLM3 Demo", page_icon=":robot:", layout="wide")

DEFAULT_SYSTEM_PROMPT = "You are ChatGLM3, a large language model. Follow the user's instructions carefully."

with st.sidebar:
    top_p = st.slider("top_p", 0.0, 1.0, 0.8, step=0.01)
    temperature = st.slider("temperature", 0.0, 1.5, 0.95, step=0.01)
    system_prompt = st.text_area("System Prompt", DEFAULT_SYSTEM_PROMPT, height=120)
    force_cpu = st.checkbox("Run on CPU", value=not torch.cuda.is_available())
    if st.button("Clear history"):
        st.session_state.chat_history = []

st.title("ChatGLM3 Demo")
prompt_text = st.chat_input("Chat with ChatGLM3!", key="chat_input")

device = "cpu" if force_cpu else "cuda"
demo_chat.main(top_p, temperature, system_prompt, prompt_text, device)
