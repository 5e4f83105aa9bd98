# source: https://github.com/shibing624/textgen/issues/47
# error: RuntimeError: Attempting to deserialize object on CUDA device 1 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 49
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run
import os

import torch
from peft import LoraConfig, TaskType, get_peft_model, set_peft_model_state_dict
from transformers import AutoModelForCausalLM, AutoTokenizer


def find_adapter_file(output_dir):
    for name in ("adapter_model.bin", "pytorch_model.bin"):
        path = os.path.join(output_dir, name)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"no adapter weights in {output_dir}")


class GptModel:
    def __init__(self, model_name, lora_r=8, lora_alpha=16, device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        base = AutoModelForCausalLM.from_pretrained(model_name, torch_dtype=torch.float16)
        config = LoraConfig(
            task_type=TaskType.CAUSAL_LM,
            r=lora_r,
            lora_alpha=lora_alpha,
            lora_dropout=0.05,
            target_modules=["q_proj", "v_proj"],
        )
        self.model = get_peft_model(base, config).to(self.device)

    def load_peft_model(self, output_dir):
        checkpoint_name = find_adapter_file(output_dir)
        adapters_weights = self._read_weights(checkpoint_name)
        result = set_peft_model_state_dict(self.model, adapters_weights)
        print(f"loaded adapter from {checkpoint_name}, unexpected keys: {result.unexpected_keys}")
        self.model.eval()
        return self

    @staticmethod
    def _read_weights(checkpoint_name):
        return torch.load(checkpoint_name)

    @torch.no_grad()
    def predict(self, prompts, max_new_tokens=128):
        batch = self.tokenizer(prompts, return_tensors="pt", padding=True).to(self.device)
        outputs = self.model.generate(**batch, max_new_tokens=max_new_tokens, do_sample=False)
        return self.tokenizer.batch_decode(outputs[:, batch["input_ids"].shape[1]:],
                                           skip_special_tokens=True)


if __name__ == "__main__":
    gpt = GptModel("Qwen/Qwen1.5-1.8B")
    gpt.load_peft_model("outputs/qwen-lora-belle-2gpu")
    print(gpt.predict(["介绍一下北京的旅游景点。"])[0])
