# source: https://github.com/Lightricks/ComfyUI-LTXVideo/issues/119
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: class, helper
# bug-lines: 42, 43
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run

import torch
from PIL import Image
from transformers import AutoModelForCausalLM, AutoProcessor, AutoTokenizer, BlipForConditionalGeneration

SYSTEM_T2V = (
    "You expand short user prompts into one detailed paragraph for a video model. "
    "Describe the subject, motion, camera and lighting. Answer with the paragraph only."
)


class PromptEnhancer:
    def __init__(self, llm_path, captioner_path, device="cuda", dtype=torch.bfloat16):
        self.device, self.dtype = device, dtype
        self.tokenizer = AutoTokenizer.from_pretrained(llm_path)
        self.llm = AutoModelForCausalLM.from_pretrained(llm_path, torch_dtype=dtype).to(device).eval()
        self.processor = AutoProcessor.from_pretrained(captioner_path)
        self.captioner = BlipForConditionalGeneration.from_pretrained(captioner_path, torch_dtype=dtype)
        self.captioner.to(device).eval()

    @torch.no_grad()
    def caption(self, image: Image.Image) -> str:
        pixel_values = self.processor(images=image, return_tensors="pt").pixel_values
        ids = self.captioner.generate(pixel_values=pixel_values.to(self.device, self.dtype), max_new_tokens=60)
        return self.processor.decode(ids[0], skip_special_tokens=True)

    def _messages(self, prompt, image_caption=None):
        user = prompt if image_caption is None else f"First frame: {image_caption}\nUser prompt: {prompt}"
        return [{"role": "system", "content": SYSTEM_T2V}, {"role": "user", "content": user}]

    @torch.no_grad()
    def enhance(self, prompt, image=None, max_new_tokens=256):
        image_caption = self.caption(image) if image is not None else None
        messages = self._messages(prompt, image_caption)
        input_ids = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt")
        output = self.llm.generate(
            input_ids,
            max_new_tokens=max_new_tokens,
            do_sample=True,
            temperature=0.7,
            top_p=0.9,
            pad_token_id=self.tokenizer.eos_token_id,
        )
        return self.tokenizer.decode(output[0, input_ids.shape[1]:], skip_special_tokens=True).strip()


def enhance_all(enhancer, prompts, images=None):
    images = images or [None] * len(prompts)
    return [enhancer.enhance(p, img) for p, img in zip(prompts, images)]


if __name__ == "__main__":
    enhancer = PromptEnhancer("meta-llama/Llama-3.2-3B-Instruct", "Salesforce/blip-image-captioning-large")
    for text in enhance_all(enhancer, ["a cat jumps on a table"], [Image.open("first_frame.png")]):
        print(text)
