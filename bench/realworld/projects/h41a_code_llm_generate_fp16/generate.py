# source: https://github.com/nomic-ai/gpt4all/issues/450
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, top-level
# needs: torch, transformers, pyyaml
# cpu: no written where torch was not installed; not run
import argparse

import torch

from gen_config import GenerateConfig, pick_device
from load import load_model, load_tokenizer


def generate(model, tokenizer, config, prompt, device):
    text = config.prompt_template.format(prompt=prompt)
    inputs = tokenizer(text, return_tensors="pt").to(device)
    with torch.no_grad():
        output_ids = model.generate(
            **inputs,
            do_sample=True,
            max_new_tokens=config.max_new_tokens,
            temperature=config.temperature,
            top_p=config.top_p,
            pad_token_id=tokenizer.pad_token_id,
        )
    return tokenizer.decode(output_ids[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/generate/generate.yaml")
    parser.add_argument("--prompt", required=True)
    args = parser.parse_args()

    config = GenerateConfig.from_yaml(args.config)
    device = pick_device()
    tokenizer = load_tokenizer(config)
    model = load_model(config, device)
    print(generate(model, tokenizer, config, args.prompt, device))


if __name__ == "__main__":
    main()
