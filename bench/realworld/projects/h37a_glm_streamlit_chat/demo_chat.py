# source: https://github.com/zai-org/ChatGLM3/issues/177
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# needs: streamlit
# cpu: no written where torch was not installed; not run
"""Chat page: streams the reply of the shared client into the streamlit placeholder."""
import streamlit as st

from client import HFClient


@st.cache_resource
def get_client(device: str) -> HFClient:
    return HFClient(device)


def main(top_p: float, temperature: float, system_prompt: str, prompt_text: str, device: str):
    client = get_client(device)
    if "chat_history" not in st.session_state:
        st.session_state.chat_history = []
    for user_turn, bot_turn in st.session_state.chat_history:
        st.chat_message("user").markdown(user_turn)
        st.chat_message("assistant").markdown(bot_turn)
    if not prompt_text:
        return
    st.chat_message("user").markdown(prompt_text)
    placeholder = st.chat_message("assistant").empty()
    response = ""
    for response in client.generate_stream(prompt_text, st.session_state.chat_history,
                                           system=system_prompt, top_p=top_p,
                                           temperature=temperature):
        placeholder.markdown(response)
    st.session_state.chat_history.append((prompt_text, response))
