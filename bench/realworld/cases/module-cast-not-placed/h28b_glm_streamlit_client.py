# source: https://github.com/zai-org/ChatGLM3/issues/223
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: module-cast-not-placed
# shape: helper, class
# looks-like: module-cast-not-placed
# needs: torch, transformers, streamlit
# cpu: no written where torch was not installed; not run
import os

import streamlit as st
import torch
from transformers import AutoModel, AutoTokenizer

MODEL_PATH = os.environ.get("MODEL_PATH", "THUDM/chatglm3-6b")


def load_chat_model(path):
    tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=True)
    model = AutoModel.from_pretrained(path, trust_remote_code=True)
    if torch.cuda.is_available():
        # fp16 only where the kernels exist
        model = model.half().to("cuda")
    else:
        model = model.float()
    return tokenizer, model.eval()


class Client:
    def __init__(self, path):
        self.tokenizer, self.model = load_chat_model(path)

    def generate_stream(self, query, history, top_p, temperature, max_length=8192):
        yield from self.model.stream_chat(
            self.tokenizer, query, history=history,
            top_p=top_p, temperature=temperature, max_length=max_length,
        )


@st.cache_resource
def get_client():
    return Client(MODEL_PATH)


st.set_page_config(page_title="ChatGLM3 demo", layout="wide")
top_p = st.sidebar.slider("top_p", 0.0, 1.0, 0.8, step=0.01)
temperature = st.sidebar.slider("temperature", 0.0, 1.5, 0.95, step=0.01)
if "history" not in st.session_state:
    st.session_state.history = []

for role, text in st.session_state.get("history_view", []):
    st.chat_message(role).markdown(text)

prompt = st.chat_input("Chat with ChatGLM3")
if prompt:
    st.chat_message("user").markdown(prompt)
    placeholder = st.chat_message("assistant").empty()
    client = get_client()
    response, history = "", st.session_state.history
    for response, history in client.generate_stream(prompt, st.session_state.history, top_p, temperature):
        placeholder.markdown(response)
    st.session_state.history = history
    st.session_state.history_view = st.session_state.get("history_view", []) + [("user", prompt), ("assistant", response)]
