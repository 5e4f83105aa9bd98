# source: https://github.com/deepseek-ai/Janus/issues/121
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class
# bug-lines: 22, 27
# needs: torch, transformers, gradio, pillow
# cpu: no written where torch was not installed; not run
"""Small Gradio front-end for an image captioning / VQA model."""
import gradio as gr
import torch
from transformers import AutoProcessor, BlipForConditionalGeneration

MODEL_ID = "Salesforce/blip-image-captioning-large"


class CaptionService:
    def __init__(self, model_id=MODEL_ID):
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.processor = AutoProcessor.from_pretrained(model_id)
        model = BlipForConditionalGeneration.from_pretrained(model_id)
        # fp16 to keep memory low on the demo box
        self.model = model.to(self.device).half().eval()

    def _prepare(self, image, prompt):
        inputs = self.processor(images=image, text=prompt or None, return_tensors="pt")
        inputs = {k: v.to(self.device) for k, v in inputs.items()}
        inputs["pixel_values"] = inputs["pixel_values"].half()
        return inputs

    @torch.inference_mode()
    def caption(self, image, prompt, max_new_tokens=40):
        if image is None:
            return "Please upload an image."
        inputs = self._prepare(image, prompt)
        out = self.model.generate(**inputs, max_new_tokens=int(max_new_tokens))
        return self.processor.decode(out[0], skip_special_tokens=True)


service = CaptionService()

demo = gr.Interface(
    fn=service.caption,
    inputs=[
        gr.Image(type="pil", label="Image"),
        gr.Textbox(label="Prompt (optional)", placeholder="a photography of"),
        gr.Slider(8, 128, value=40, step=1, label="Max new tokens"),
    ],
    outputs=gr.Textbox(label="Caption"),
    title="Image captioning demo",
)

if __name__ == "__main__":
    demo.queue().launch(server_name="0.0.0.0", server_port=7860)
