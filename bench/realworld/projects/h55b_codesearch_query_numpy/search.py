# source: https://github.com/voxel51/fiftyone/issues/2852
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# needs: torch, transformers, numpy
# cpu: no written where torch was not installed; not run
import argparse

from encoder import CodeEncoder
from index import SnippetIndex

CORPUS = [
    {"path": "utils/io.py::read_jsonl",
     "code": "def read_jsonl(path):\n    with open(path) as f:\n        return [json.loads(l) for l in f]"},
    {"path": "utils/io.py::write_jsonl",
     "code": "def write_jsonl(rows, path):\n    with open(path, 'w') as f:\n        f.writelines(json.dumps(r) + '\\n' for r in rows)"},
    {"path": "net/http.py::retry_get",
     "code": "def retry_get(url, tries=3):\n    for i in range(tries):\n        try:\n            return requests.get(url, timeout=5)\n        except requests.RequestException:\n            time.sleep(2 ** i)"},
    {"path": "text/clean.py::strip_html",
     "code": "def strip_html(s):\n    return re.sub(r'<[^>]+>', '', s)"},
]


def main():
    parser = argparse.ArgumentParser(description="semantic code search over a small snippet corpus")
    parser.add_argument("queries", nargs="*", default=["load a json lines file", "remove html tags"])
    parser.add_argument("--out", default="snippets_index")
    parser.add_argument("--device", default=None)
    args = parser.parse_args()

    index = SnippetIndex(CodeEncoder(device=args.device)).build(CORPUS)
    index.save(args.out)
    for q in args.queries:
        print(f"\n> {q}")
        for score, path in index.search(q, k=3):
            print(f"  {score:.3f}  {path}")


if __name__ == "__main__":
    main()
