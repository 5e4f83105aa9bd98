# source: https://github.com/project-baize/baize-chatbot/issues/14
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: module-cast-not-placed
# shape: multi-file, helper
# bug-lines: 27
# needs: torch, transformers, peft, gradio
# cpu: no written where torch was not installed; not run
import sys

import gradio as gr
import torch

from utils import build_prompt, cut_reply, load_tokenizer_and_model

base_model = sys.argv[1]
adapter_model = sys.argv[2]
tokenizer, model = load_tokenizer_and_model(base_model, adapter_model)


def predict(user_text, chatbot, history, top_p, temperature, max_new_tokens):
    if not user_text.strip():
        return chatbot, history
    prompt = build_prompt(history, user_text)
    inputs = tokenizer(prompt, return_tensors="pt")
    input_ids = inputs["input_ids"][:, -1536:].to(model.device)
    with torch.no_grad():
        output = model.generate(
            input_ids=input_ids,
            do_sample=True,
            top_p=top_p,
            temperature=temperature,
            max_new_tokens=int(max_new_tokens),
        )
    reply = cut_reply(tokenizer.decode(output[0][input_ids.shape[1]:], skip_special_tokens=True))
    history = history + [(user_text, reply)]
    return history, history


with gr.Blocks(title="Baize chat") as demo:
    chatbot = gr.Chatbot()
    history = gr.State([])
    user_input = gr.Textbox(placeholder="Type a message and press enter")
    top_p = gr.Slider(0.0, 1.0, value=0.95, label="Top-p")
    temperature = gr.Slider(0.0, 2.0, value=1.0, label="Temperature")
    max_new = gr.Slider(16, 1024, value=256, step=16, label="Max new tokens")
    user_input.submit(predict, [user_input, chatbot, history, top_p, temperature, max_new],
                      [chatbot, history])

demo.queue().launch(share=False)
