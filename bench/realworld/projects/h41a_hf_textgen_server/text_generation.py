# source: https://github.com/kserve/kserve/pull/3657
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, class, batch-dict
# bug-lines: 36, 37
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch

from model_loader import load_generator

DEFAULT_GENERATE_KWARGS = {"max_new_tokens": 256, "do_sample": True, "temperature": 0.7, "top_p": 0.9}


class GenerativeModel:
    def __init__(self, name, model_dir):
        self.name = name
        self.model_dir = model_dir
        self.ready = False

    def load(self):
        loaded = load_generator(self.model_dir)
        self.model, self.tokenizer, self.device = loaded.model, loaded.tokenizer, loaded.device
        self.ready = True
        return self.ready

    def _generate_kwargs(self, parameters):
        kwargs = dict(DEFAULT_GENERATE_KWARGS)
        kwargs.update({k: v for k, v in (parameters or {}).items() if k in DEFAULT_GENERATE_KWARGS})
        kwargs["pad_token_id"] = self.tokenizer.pad_token_id
        return kwargs

    @torch.inference_mode()
    def predict(self, payload):
        prompts = payload["instances"]
        inputs = self.tokenizer(prompts, return_tensors="pt", padding=True)
        outputs = self.model.generate(**inputs, **self._generate_kwargs(payload.get("parameters")))
        completions = outputs[:, inputs["input_ids"].shape[1]:]
        texts = self.tokenizer.batch_decode(completions, skip_special_tokens=True)
        return {"predictions": [{"generated_text": t} for t in texts]}
