# source: https://github.com/WildVision-AI/LMM-Engines/pull/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: class, batch-dict
# bug-lines: 42, 48
# needs: torch, transformers, numpy
# cpu: no written where torch was not installed; not run
"""Video-LLaVA worker used by the arena backend: answers a question about a clip."""
import numpy as np
import torch
from transformers import VideoLlavaForConditionalGeneration, VideoLlavaProcessor


def uniform_frame_indices(num_frames, num_samples=8):
    if num_frames <= num_samples:
        return list(range(num_frames))
    return np.linspace(0, num_frames - 1, num_samples).round().astype(int).tolist()


class VideoLlavaEngine:
    def __init__(self, model_path="LanguageBind/Video-LLaVA-7B-hf", device="cuda"):
        self.device = device
        self.processor = VideoLlavaProcessor.from_pretrained(model_path)
        self.model = VideoLlavaForConditionalGeneration.from_pretrained(
            model_path, torch_dtype=torch.float16
        ).to(device)
        self.model.eval()

    @staticmethod
    def build_prompt(question, has_video):
        tag = "<video>" if has_video else "<image>"
        return f"USER: {tag}\n{question} ASSISTANT:"

    def sample_clip(self, frames):
        idx = uniform_frame_indices(len(frames))
        return np.stack([frames[i] for i in idx])

    @torch.inference_mode()
    def generate(self, question, frames=None, image=None, max_new_tokens=256, temperature=0.0):
        clip = self.sample_clip(frames) if frames is not None else None
        prompt = self.build_prompt(question, clip is not None)
        inputs = self.processor(
            text=prompt, videos=clip, images=image, padding=True, return_tensors="pt"
        )
        gen_kwargs = {"max_new_tokens": max_new_tokens, "do_sample": temperature > 0}
        if temperature > 0:
            gen_kwargs["temperature"] = temperature
        output_ids = self.model.generate(**inputs, **gen_kwargs)
        text = self.processor.batch_decode(output_ids, skip_special_tokens=True)[0]
        return text.split("ASSISTANT:")[-1].strip()


if __name__ == "__main__":
    engine = VideoLlavaEngine()
    dummy = [np.random.randint(0, 255, (224, 224, 3), dtype=np.uint8) for _ in range(32)]
    print(engine.generate("What is happening in this video?", frames=dummy))
