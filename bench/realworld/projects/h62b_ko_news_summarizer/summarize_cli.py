# source: https://github.com/kakaobrain/pororo/issues/11
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, top-level
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse
import json

from summarizer import AbstractiveSummarizer


def read_articles(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["article"] for line in f if line.strip()]


def main():
    parser = argparse.ArgumentParser(description="Summarize Korean news articles")
    parser.add_argument("--ckpt", default="./checkpoints/kobart-news")
    parser.add_argument("--input", required=True, help="jsonl file with an 'article' field")
    parser.add_argument("--beam", type=int, default=5)
    parser.add_argument("--batch_size", type=int, default=8)
    args = parser.parse_args()

    summarize = AbstractiveSummarizer(args.ckpt)
    articles = read_articles(args.input)
    for start in range(0, len(articles), args.batch_size):
        chunk = articles[start:start + args.batch_size]
        for article, summary in zip(chunk, summarize(chunk, beam=args.beam)):
            print(json.dumps({"article": article[:80], "summary": summary}, ensure_ascii=False))


if __name__ == "__main__":
    main()
